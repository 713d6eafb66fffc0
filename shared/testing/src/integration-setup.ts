// Integration tests talk to real Kafka and FerretDB: consumer-group joins and
// process starts take seconds, so the per-test budget is larger than jest's 5 s.
jest.setTimeout(180_000);
