package attach

import "chungsuc/internal/store"

// Attachment is one row of the attachments table: a file attached to a row
// of another table (OwnerType, OwnerID: an activity, an assessment value).
// The file itself is the copy made by Files.Copy; StoredPath is relative to
// the data folder.
type Attachment struct {
	store.Base
	AgencyID   string `gorm:"size:36" json:"agencyId"`
	OwnerType  string `json:"ownerType"`
	OwnerID    string `gorm:"size:36" json:"ownerId"`
	FileName   string `json:"fileName"`
	StoredPath string `json:"storedPath"`
	SHA256     string `gorm:"column:sha256" json:"sha256"`
	Size       int64  `json:"size"`
	MimeType   string `json:"mimeType"`
}

// TableName is the attachments table.
func (Attachment) TableName() string { return "attachments" }
