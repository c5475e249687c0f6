package main

import "example.com/ringbuf"

func main() { ringbuf.New(4).Put(1) }
