module modmirror.local/goproxyserver

go 1.24
