package sample

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// bulkRows is how many rows one INSERT statement of the bulk writer holds.
// The values are written into the statement text (no bound parameters but
// the shared timestamp): the SQLite driver binds parameters in time that
// grows with their number per statement, and the statement size barely
// matters beyond a few hundred rows.
const bulkRows = 400

// sqliteTime is how the SQLite driver writes a time; PostgreSQL reads it too.
const sqliteTime = "2006-01-02 15:04:05.999999999-07:00"

// bulkWriter inserts rows of one model as multi-row INSERT statements with
// the values written as SQL literals, inside the caller's transaction. It
// is for the generated data only (values it formats itself: numbers,
// booleans, times and strings quoted by doubling the single quote).
type bulkWriter struct {
	ctx     context.Context
	tx      *gorm.DB
	fields  []*schema.Field
	head    string
	now     time.Time
	buf     strings.Builder
	rows    int
	usesNow bool
	// before are flushed before this writer (rows this one refers to).
	before []*bulkWriter
	// Count is the number of rows written so far.
	Count int
}

// newBulk prepares a writer for model's table; times equal to now are sent
// as the one bound parameter of the statement.
func newBulk(ctx context.Context, tx *gorm.DB, model any, now time.Time, before ...*bulkWriter) (*bulkWriter, error) {
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(model); err != nil {
		return nil, fmt.Errorf("bulk %T: %w", model, err)
	}
	w := &bulkWriter{ctx: ctx, tx: tx, now: now, before: before}
	var cols []string
	for _, f := range stmt.Schema.Fields {
		if f.DBName == "" || !f.Creatable {
			continue
		}
		w.fields = append(w.fields, f)
		cols = append(cols, stmt.Quote(f.DBName))
	}
	w.head = "INSERT INTO " + stmt.Quote(stmt.Schema.Table) + " (" + strings.Join(cols, ", ") + ") VALUES "
	return w, nil
}

// Add appends one row (a pointer to the model struct); the statement is
// sent when it holds bulkRows rows.
func (w *bulkWriter) Add(row any) error {
	rv := reflect.ValueOf(row)
	if w.rows == 0 {
		w.buf.Reset()
		w.buf.WriteString(w.head)
		w.usesNow = false
	} else {
		w.buf.WriteByte(',')
	}
	w.buf.WriteByte('(')
	for i, f := range w.fields {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		v, _ := f.ValueOf(w.ctx, rv)
		if err := w.literal(v); err != nil {
			return fmt.Errorf("bulk %s.%s: %w", f.Schema.Table, f.DBName, err)
		}
	}
	w.buf.WriteByte(')')
	w.rows++
	w.Count++
	if w.rows >= bulkRows {
		return w.Flush()
	}
	return nil
}

// Flush sends the rows held (after those of the writers it depends on).
func (w *bulkWriter) Flush() error {
	for _, b := range w.before {
		if err := b.Flush(); err != nil {
			return err
		}
	}
	if w.rows == 0 {
		return nil
	}
	var args []any
	if w.usesNow {
		args = []any{w.now}
	}
	w.rows = 0
	if _, err := w.tx.Statement.ConnPool.ExecContext(w.ctx, w.buf.String(), args...); err != nil {
		return fmt.Errorf("bulk insert: %w", err)
	}
	return nil
}

func (w *bulkWriter) literal(v any) error {
	b := &w.buf
	switch x := v.(type) {
	case nil:
		b.WriteString("NULL")
	case string:
		quote(b, x)
	case *string:
		if x == nil {
			b.WriteString("NULL")
		} else {
			quote(b, *x)
		}
	case int:
		b.WriteString(strconv.Itoa(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case *int:
		if x == nil {
			b.WriteString("NULL")
		} else {
			b.WriteString(strconv.Itoa(*x))
		}
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case *float64:
		if x == nil {
			b.WriteString("NULL")
		} else {
			b.WriteString(strconv.FormatFloat(*x, 'f', -1, 64))
		}
	case bool:
		boolLit(b, x)
	case *bool:
		if x == nil {
			b.WriteString("NULL")
		} else {
			boolLit(b, *x)
		}
	case time.Time:
		w.timeLit(x)
	case *time.Time:
		if x == nil {
			b.WriteString("NULL")
		} else {
			w.timeLit(*x)
		}
	case gorm.DeletedAt:
		if !x.Valid {
			b.WriteString("NULL")
		} else {
			w.timeLit(x.Time)
		}
	case sql.NullTime:
		if !x.Valid {
			b.WriteString("NULL")
		} else {
			w.timeLit(x.Time)
		}
	default:
		return fmt.Errorf("unsupported type %T", v)
	}
	return nil
}

func (w *bulkWriter) timeLit(t time.Time) {
	if t.Equal(w.now) {
		w.buf.WriteString("$1")
		w.usesNow = true
		return
	}
	quote(&w.buf, t.UTC().Format(sqliteTime))
}

func quote(b *strings.Builder, s string) {
	b.WriteByte('\'')
	if strings.IndexByte(s, '\'') >= 0 {
		s = strings.ReplaceAll(s, "'", "''")
	}
	b.WriteString(s)
	b.WriteByte('\'')
}

func boolLit(b *strings.Builder, v bool) {
	if v {
		b.WriteString("TRUE")
	} else {
		b.WriteString("FALSE")
	}
}
