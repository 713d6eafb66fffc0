"""Drives the Open311 endpoint with an independent client, the PyPI package
georeport 0.3.1 (requests + xmltodict): every GET it covers, in JSON and XML.
Usage: georeport_client.py <base url …/open311/v2> <service code> <service_request_id>
Prints one JSON object: {"json": {...}, "xml": {...}}."""
import json
import sys

from georeport import GeoReport


def run(base, service_code, request_id, output_format):
    client = GeoReport(base, output_format=output_format)
    return {
        "services": client.get_service_list(),
        "definition": client.get_service_definition(service_code),
        "requests": client.get_service_requests(service_request_id=request_id),
        # not an empty answer: georeport 0.3.1 fails on an empty <service_requests/> in XML (xmltodict gives None)
        "closed": client.get_service_requests(status="closed", service_code=service_code),
        "request": client.get_service_request(request_id),
    }


if __name__ == "__main__":
    base, code, request_id = sys.argv[1:4]
    print(json.dumps({fmt: run(base, code, request_id, fmt) for fmt in ("json", "xml")}, ensure_ascii=False))
