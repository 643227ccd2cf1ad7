// Package sync, the part written in Go: Cond, Map, OnceFunc, OnceValue(s) and
// WaitGroup.Go, after Go's src/sync. Mutex, RWMutex, WaitGroup and Once
// are the runtime's (natives on its semaphores); this code uses them as a
// program would, so its goroutines and waits are the reader's to watch. A
// goroutine waiting in Cond.Wait waits on a channel receive here.
package sync

// A Locker can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}

// Cond is a condition variable: goroutines wait for, or announce, an
// event, holding L while they check or change the condition.
type Cond struct {
	L Locker

	mu      Mutex           // guards waiters
	waiters []chan struct{} // oldest first, as Go's notify list
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond {
	return &Cond{L: l}
}

// Wait unlocks c.L, waits until Signal or Broadcast wakes it, then locks
// c.L again before returning. The caller must hold c.L.
func (c *Cond) Wait() {
	ready := make(chan struct{})
	c.mu.Lock()
	c.waiters = append(c.waiters, ready)
	c.mu.Unlock()
	c.L.Unlock()
	<-ready
	c.L.Lock()
}

// Signal wakes the goroutine that has waited longest, if any.
func (c *Cond) Signal() {
	c.mu.Lock()
	if len(c.waiters) > 0 {
		close(c.waiters[0])
		c.waiters = c.waiters[1:]
	}
	c.mu.Unlock()
}

// Broadcast wakes every waiting goroutine.
func (c *Cond) Broadcast() {
	c.mu.Lock()
	for _, w := range c.waiters {
		close(w)
	}
	c.waiters = nil
	c.mu.Unlock()
}

// Map is a map safe for use by several goroutines at once. (Go's is
// lock-free for reads; this one takes a lock: the same results, slower.)
type Map struct {
	mu Mutex
	m  map[any]any
}

// Load returns the value stored for key, and whether there was one.
func (m *Map) Load(key any) (value any, ok bool) {
	m.mu.Lock()
	value, ok = m.m[key]
	m.mu.Unlock()
	return
}

// Store sets the value for key.
func (m *Map) Store(key, value any) {
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	m.mu.Unlock()
}

// LoadOrStore returns the existing value for key if present (loaded is
// true); otherwise it stores and returns value.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok {
		return v, true
	}
	if m.m == nil {
		m.m = make(map[any]any)
	}
	m.m[key] = value
	return value, false
}

// LoadAndDelete deletes the value for key, returning it if there was one.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	m.mu.Lock()
	value, loaded = m.m[key]
	delete(m.m, key)
	m.mu.Unlock()
	return
}

// Delete deletes the value for key.
func (m *Map) Delete(key any) {
	m.mu.Lock()
	delete(m.m, key)
	m.mu.Unlock()
}

// Swap stores value for key and returns the previous value, if any.
func (m *Map) Swap(key, value any) (previous any, loaded bool) {
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[any]any)
	}
	previous, loaded = m.m[key]
	m.m[key] = value
	m.mu.Unlock()
	return
}

// CompareAndSwap stores new for key if the value there equals old.
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok && v == old {
		m.m[key] = new
		return true
	}
	return false
}

// CompareAndDelete deletes the entry for key if its value equals old.
func (m *Map) CompareAndDelete(key, old any) (deleted bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok && v == old {
		delete(m.m, key)
		return true
	}
	return false
}

// Range calls f for each key and value until f returns false. As in Go,
// f may change the map; Range sees a snapshot taken when it starts.
func (m *Map) Range(f func(key, value any) bool) {
	m.mu.Lock()
	keys := make([]any, 0, len(m.m))
	values := make([]any, 0, len(m.m))
	for k, v := range m.m {
		keys = append(keys, k)
		values = append(values, v)
	}
	m.mu.Unlock()
	for i := range keys {
		if !f(keys[i], values[i]) {
			break
		}
	}
}

// Clear deletes every entry.
func (m *Map) Clear() {
	m.mu.Lock()
	m.m = nil
	m.mu.Unlock()
}

// OnceFunc returns a function that calls f only the first time it is
// called. If f panics, every call panics with the same value.
func OnceFunc(f func()) func() {
	var once Once
	var valid bool
	var p any
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		f()
		f = nil
		valid = true
	}
	return func() {
		once.Do(g)
		if !valid {
			panic(p)
		}
	}
}

// OnceValue returns a function that calls f only the first time it is
// called and returns f's value every time. If f panics, every call panics
// with the same value.
func OnceValue[T any](f func() T) func() T {
	var once Once
	var valid bool
	var p any
	var result T
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		result = f()
		f = nil
		valid = true
	}
	return func() T {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return result
	}
}

// OnceValues is OnceValue for a function returning two values.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var once Once
	var valid bool
	var p any
	var r1 T1
	var r2 T2
	g := func() {
		defer func() {
			p = recover()
			if !valid {
				panic(p)
			}
		}()
		r1, r2 = f()
		f = nil
		valid = true
	}
	return func() (T1, T2) {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return r1, r2
	}
}

// Go calls f in a new goroutine and adds that task to the WaitGroup: Add(1)
// before, Done when f returns (Go 1.25).
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
}
