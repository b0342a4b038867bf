package document

// Internals the external tests reach.
var (
	When      = when
	ShortName = shortName
	VNNumber  = vnNumber
)
