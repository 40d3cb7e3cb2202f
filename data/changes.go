package data

import (
	"context"
	"database/sql"
	"sync"
)

// changeLog is how a store tells its own writes from everyone else's. It
// keeps one connection of its own, because PRAGMA data_version is per
// connection: its value moves whenever any other connection (ours in the
// pool, or another process's) has committed.
type changeLog struct {
	mu      sync.Mutex
	conn    *sql.Conn
	version int64
	seen    int64          // the last rev accounted for
	mine    map[int64]bool // revs our own transactions produced, not yet seen
}

// own records a rev this store's transaction is about to commit.
func (c *changeLog) own(rev int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mine == nil {
		c.mine = map[int64]bool{}
	}
	c.mine[rev] = true
}

// forget drops a rev whose transaction did not commit.
func (c *changeLog) forget(rev int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.mine, rev)
}

func (c *changeLog) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

// Changes reports whether anyone other than this store has written to the
// database since the last call (the first call only starts watching). It
// costs one PRAGMA when nothing changed, so the window can ask every second.
// A writer that does not count its writes (an old Bridgekeeper, the sqlite3
// shell) is still noticed, unless this store wrote in the same interval.
func (s *Store) Changes(ctx context.Context) (bool, error) {
	c := &s.changes
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return false, wrapErr("watch for changes", err)
		}
		c.conn = conn
		if c.version, err = dataVersion(ctx, conn); err != nil {
			return false, err
		}
		c.seen, err = currentRev(ctx, conn)
		c.settle()
		return false, err
	}
	v, err := dataVersion(ctx, c.conn)
	if err != nil || v == c.version {
		return false, err
	}
	c.version = v
	rev, err := currentRev(ctx, c.conn)
	if err != nil {
		return false, err
	}
	outside := rev <= c.seen // changed, yet not counted: not one of ours
	for r := c.seen + 1; r <= rev && !outside; r++ {
		outside = !c.mine[r]
	}
	c.seen = rev
	c.settle()
	return outside, nil
}

// settle forgets own revs that are now accounted for.
func (c *changeLog) settle() {
	for r := range c.mine {
		if r <= c.seen {
			delete(c.mine, r)
		}
	}
}

func dataVersion(ctx context.Context, conn *sql.Conn) (int64, error) {
	var v int64
	if err := conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, wrapErr("watch for changes", err)
	}
	return v, nil
}

func currentRev(ctx context.Context, conn *sql.Conn) (int64, error) {
	var rev int64
	if err := conn.QueryRowContext(ctx, "SELECT rev FROM changes").Scan(&rev); err != nil {
		return 0, wrapErr("watch for changes", err)
	}
	return rev, nil
}
