// Deprecated: this module moved to example.org/lib/v2.
module "example.org/lib"

go 1.22.0

godebug (
	default=go1.21
	panicnil=1
)

require example.org/dep v1.4.2

retract (
	// Tagged from the wrong branch.
	v1.0.0
	[v1.1.0, v1.1.9] // Contains a data race in the cache.
	v1.2.0-rc.1
)

retract v0.9.9 // Accidental release.

tool (
	golang.org/x/tools/cmd/stringer
	example.org/lib/cmd/gen
)

ignore (
	./web/node_modules
	testdata/huge
)
