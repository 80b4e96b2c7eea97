module example.com/hello

go 1.21

require (
	github.com/google/uuid v1.6.0
	github.com/spf13/cobra v1.8.0
	golang.org/x/sync v0.7.0
)

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/pflag v1.0.5 // indirect
)
