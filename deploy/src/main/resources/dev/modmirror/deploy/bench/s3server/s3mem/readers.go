// Copied from github.com/johannesboyne/gofakes3 v1.2.0 (MIT License, Copyright (c) 2016 Johannes
// Boyne), internal/s3io/io.go; see ../main.go for what changed.

package s3mem

import "io"

type ReaderWithDummyCloser struct{ io.Reader }

func (d ReaderWithDummyCloser) Close() error { return nil }

type NoOpReadCloser struct{}

func (d NoOpReadCloser) Read(b []byte) (n int, err error) { return 0, io.EOF }

func (d NoOpReadCloser) Close() error { return nil }
