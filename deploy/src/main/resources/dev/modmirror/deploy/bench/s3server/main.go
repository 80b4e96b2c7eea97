// Command s3server is the S3 server of modmirror's benches: gofakes3's in-memory backend (a skip
// list sorted by key) on a loopback port, with one bucket. It prints "using port: N" on stderr once
// it listens. With -latency D every request is answered D later (a sleep before it is handled, no
// CPU), as a server that far away would answer it: a bench then puts a remote region's round trip
// in front of every client of that server alike (modmirror's S3 client and rclone).
//
// Three changes from gofakes3 v1.2.0 make it answer as AWS S3 does where the benches depend on it:
//   - A listing with a prefix seeks to the prefix and stops past its range (package s3mem here is
//     gofakes3's, copied, with that change in Backend.ListBucket). gofakes3 walks the whole bucket
//     for every prefixed listing, so at a million keys each of the per-module listings a repair
//     makes (the module's @v/ names, its @v/list rebuilt) cost a full scan under the store's lock.
//   - Error answers carry Content-Type application/xml (gofakes3 leaves it unset, Go's server
//     sniffs text/xml, and the MinIO Java SDK would read a 412 of a conditional PUT as an invalid
//     response instead of a failed precondition).
//   - A listing's LastModified has exactly three fraction digits (gofakes3 drops trailing zeros:
//     "…:20.2Z", which the SDK cannot parse).
package main

import (
	"bytes"
	"flag"
	"log"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/johannesboyne/gofakes3"
	"modmirror.local/s3server/s3mem"
)

func main() {
	host := flag.String("host", "127.0.0.1:0", "address to listen on")
	bucket := flag.String("bucket", "bench", "the bucket to create")
	latency := flag.Duration("latency", 0, "delay before every answer")
	flag.Parse()

	backend := s3mem.New()
	if err := backend.CreateBucket(*bucket); err != nil {
		log.Fatalf("cannot create bucket %q: %v", *bucket, err)
	}
	faker := gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog()))
	listener, err := net.Listen("tcp", *host)
	if err != nil {
		log.Fatal(err)
	}
	log.Println("using port:", listener.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(listener, delayed(*latency, xmlErrors(listingTimes(*bucket, faker.Server())))))
}

// delayed answers each request d after it arrived. The sleep comes before the handler, so a
// conditional PUT's check and write happen at the delayed time, as they would at a remote server.
func delayed(d time.Duration, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(d)
		next.ServeHTTP(w, r)
	})
}

var lastModified = regexp.MustCompile(
	`<LastModified>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?Z</LastModified>`)

// listingTimes rewrites each LastModified of a bucket listing to millisecond precision, three
// digits, as S3 writes it. Only listings (GET on the bucket itself) are buffered.
func listingTimes(bucket string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.Trim(r.URL.Path, "/") != bucket {
			next.ServeHTTP(w, r)
			return
		}
		buf := &buffered{header: http.Header{}, code: http.StatusOK}
		next.ServeHTTP(buf, r)
		body := lastModified.ReplaceAllFunc(buf.body.Bytes(), func(m []byte) []byte {
			parts := lastModified.FindSubmatch(m)
			fraction := (string(parts[2]) + "000")[:3]
			return []byte("<LastModified>" + string(parts[1]) + "." + fraction + "Z</LastModified>")
		})
		for k, v := range buf.header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(buf.code)
		w.Write(body)
	})
}

type buffered struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (b *buffered) Header() http.Header         { return b.header }
func (b *buffered) WriteHeader(code int)        { b.code = code }
func (b *buffered) Write(p []byte) (int, error) { return b.body.Write(p) }

// xmlErrors types error answers as application/xml where the handler left the type unset.
func xmlErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&typedErrors{ResponseWriter: w}, r)
	})
}

type typedErrors struct {
	http.ResponseWriter
	wroteHeader bool
}

func (t *typedErrors) WriteHeader(code int) {
	if !t.wroteHeader {
		t.wroteHeader = true
		if code >= 300 && t.Header().Get("Content-Type") == "" {
			t.Header().Set("Content-Type", "application/xml")
		}
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *typedErrors) Write(b []byte) (int, error) {
	if !t.wroteHeader {
		t.WriteHeader(http.StatusOK)
	}
	return t.ResponseWriter.Write(b)
}
