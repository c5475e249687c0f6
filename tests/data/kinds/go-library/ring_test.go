package ringbuf

import "testing"

func TestPut(t *testing.T) { New(2).Put(1) }
