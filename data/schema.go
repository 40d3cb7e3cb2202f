package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// schemaObject is one table, index or trigger as sqlite_master records it.
type schemaObject struct {
	kind, name, sql string
}

// schemaOf lists a database's own schema objects (not SQLite's internal
// ones), with the SQL's spacing normalised so a file rebuilt by sqlite3
// .dump compares equal to the original.
func schemaOf(ctx context.Context, q querier) ([]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, coalesce(sql, '') FROM sqlite_master
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schemaObject
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			return nil, err
		}
		o.sql = strings.Join(strings.Fields(o.sql), " ")
		out = append(out, o)
	}
	return out, rows.Err()
}

// matchSchema returns the schema version whose tables and indexes are
// exactly objects, or 0 when none is. Each version's schema is built by
// running the migrations on an empty in-memory database, so it is what a
// real file of that version holds, word for word.
func matchSchema(ctx context.Context, objects []schemaObject) (int, error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	// One connection: each new one would be a new, empty memory database.
	db.SetMaxOpenConns(1)
	for _, m := range ms {
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			return 0, fmt.Errorf("build the reference schema %d: %w", m.version, err)
		}
		ref, err := schemaOf(ctx, db)
		if err != nil {
			return 0, err
		}
		if slices.Equal(ref, objects) {
			return m.version, nil
		}
	}
	return 0, nil
}
