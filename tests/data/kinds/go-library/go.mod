module example.com/ringbuf

go 1.22
