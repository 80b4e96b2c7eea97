// Command goproxyserver is the upstream of modmirror's warm-go bench: a GOPROXY file tree served on
// a loopback port, every request answered after a fixed delay, as a proxy that far away would.
// It runs in a process of its own so that the bench's measured JVM holds the warmer, not its
// upstream. It prints "using port: N" on stderr once it listens. GET /-/requests answers the number
// of requests served so far (no module path starts with "-").
package main

import (
	"flag"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"
)

func main() {
	host := flag.String("host", "127.0.0.1:0", "address to listen on")
	root := flag.String("root", "", "the GOPROXY tree to serve")
	latency := flag.Duration("latency", 50*time.Millisecond, "delay before every answer")
	flag.Parse()

	var requests atomic.Int64
	handler := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/-/requests" {
			io.WriteString(w, strconv.FormatInt(requests.Load(), 10))
			return
		}
		requests.Add(1)
		time.Sleep(*latency)
		// URL.Path is decoded; Clean of a rooted path cannot climb above the root.
		f, err := os.Open(filepath.Join(*root, filepath.FromSlash(path.Clean("/"+r.URL.Path))))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || !info.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", strconv.FormatInt(info.Size(), 10))
		io.Copy(w, f)
	}
	listener, err := net.Listen("tcp", *host)
	if err != nil {
		log.Fatal(err)
	}
	log.Println("using port:", listener.Addr().(*net.TCPAddr).Port)
	log.Fatal(http.Serve(listener, http.HandlerFunc(handler)))
}
