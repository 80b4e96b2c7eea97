module example.com/crlf

go 1.19

require example.com/a v1.0.0 // indirect; used by tests
