// Package ringbuf is a fixed-size ring buffer.
package ringbuf

type Ring struct {
	items []int
	next  int
}

func New(size int) *Ring { return &Ring{items: make([]int, size)} }

func (r *Ring) Put(v int) {
	r.items[r.next%len(r.items)] = v
	r.next++
}
