// A local checkout of github.com/pkg/errors, a module of the workspace: never fetched.
module github.com/pkg/errors

go 1.22

require github.com/cespare/xxhash/v2 v2.2.0
