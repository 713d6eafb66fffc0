// Command ferretdb runs FerretDB v1 embedded, so that it can be built from the
// Go module proxy alone (FerretDB's own cmd needs a version.txt generated at
// build time). Flags mirror the few settings the project needs.
package main

import (
	"context"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof" // profiles on --debug-addr only
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "MongoDB wire listen address")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URL (must end with /)")
	postgresqlURL := flag.String("postgresql-url", "", "PostgreSQL URL, for the postgresql handler")
	debugAddr := flag.String("debug-addr", "", "serve Go's /debug/pprof profiles on this address (off when empty)")
	flag.Parse()

	if *debugAddr != "" {
		go func() {
			log.Printf("pprof on http://%s/debug/pprof/", *debugAddr)
			log.Print(http.ListenAndServe(*debugAddr, nil))
		}()
	}

	conf := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		conf.SQLiteURL = *sqliteURL
	case "postgresql":
		conf.PostgreSQLURL = *postgresqlURL
	default:
		log.Fatalf("unknown handler %q: use sqlite or postgresql", *handler)
	}

	f, err := ferretdb.New(conf)
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	log.Printf("FerretDB listening on %s (%s backend)", *listen, *handler)
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
