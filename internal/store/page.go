package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"chungsuc/internal/vntext"
)

// ListQuery is what every list screen sends: a search text, a sort column
// (one of the screen's allowed ones), a page, and whether to show the
// deleted rows instead of the live ones.
type ListQuery struct {
	Search   string `json:"search"`
	SortBy   string `json:"sortBy"`
	Desc     bool   `json:"desc"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
	Deleted  bool   `json:"deleted"`
}

// MaxPageSize bounds one page.
const MaxPageSize = 500

// Scope applies the deleted/live choice, the diacritic-insensitive search on
// the search_key column, and the sort (falling back to def; the id breaks ties
// so pages are stable).
func (q ListQuery) Scope(tx *gorm.DB, allowedSort map[string]string, def string) *gorm.DB {
	if q.Deleted {
		tx = tx.Unscoped().Where("deleted_at IS NOT NULL")
	}
	if s := vntext.Fold(q.Search); s != "" {
		for _, word := range strings.Fields(s) {
			tx = tx.Where("search_key LIKE ? ESCAPE '\\'", "%"+EscapeLike(word)+"%")
		}
	}
	col, ok := allowedSort[q.SortBy]
	if !ok {
		col = def
	}
	dir := " ASC"
	if q.Desc {
		dir = " DESC"
	}
	return tx.Order(col + dir).Order("id ASC")
}

// Paginate applies limit and offset; it returns the normalised page and size.
func (q ListQuery) Paginate(tx *gorm.DB) (*gorm.DB, int, int) {
	size := q.PageSize
	if size <= 0 {
		size = 20
	}
	if size > MaxPageSize {
		size = MaxPageSize
	}
	page := q.Page
	if page < 1 {
		page = 1
	}
	return tx.Limit(size).Offset((page - 1) * size), page, size
}

// EscapeLike escapes % _ and \\ for a LIKE … ESCAPE '\\' pattern.
func EscapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// SearchKey builds the folded text stored in search_key from the fields a
// user may search by.
func SearchKey(parts ...string) string {
	return vntext.Fold(strings.Join(parts, " "))
}

// FindPage counts the rows tx selects and loads the page q asks for.
func FindPage[T any](tx *gorm.DB, q ListQuery) (items []T, total int64, page, size int, err error) {
	if err = tx.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, 0, 0, err
	}
	tx, page, size = q.Paginate(tx)
	items = []T{}
	if err = tx.Find(&items).Error; err != nil {
		return nil, 0, 0, 0, err
	}
	return items, total, page, size, nil
}

// SiblingNameTaken reports whether a live row of model, other than excludeID,
// under the same parent (parent_id; nil = top level) of the same agency has
// the same name. sort_key (the folded name) narrows the search; the exact
// comparison then keeps "Xã Bình" and "Xã Binh" apart.
func SiblingNameTaken(tx *gorm.DB, model any, agencyID string, parentID *string, excludeID, name string) (bool, error) {
	q := tx.Model(model).Where("agency_id = ?", agencyID)
	if parentID == nil {
		q = q.Where("parent_id IS NULL")
	} else {
		q = q.Where("parent_id = ?", *parentID)
	}
	if excludeID != "" {
		q = q.Where("id <> ?", excludeID)
	}
	var names []string
	if err := q.Where("sort_key = ?", vntext.Fold(name)).Pluck("name", &names).Error; err != nil {
		return false, fmt.Errorf("find sibling name: %w", err)
	}
	for _, n := range names {
		if vntext.Key(n) == vntext.Key(name) {
			return true, nil
		}
	}
	return false, nil
}
