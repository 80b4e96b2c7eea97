module hello

go 1.21

require (
	github.com/BurntSushi/toml v1.4.0
	github.com/google/uuid v1.5.0
	github.com/pkg/errors v0.9.1
	github.com/spf13/cobra v1.8.0
	example.com/local/thing v0.0.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.5 // indirect
)

// A bad release, and a fork pinned for every version.
exclude github.com/BurntSushi/toml v1.4.0

replace github.com/google/uuid => github.com/google/uuid v1.6.0

replace (
	github.com/pkg/errors v0.9.1 => ./third_party/errors
	example.com/local/thing => ../thing
)
