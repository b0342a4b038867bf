package app

// WritePDFTemp lets the tests check where "Mở để in" writes its copy
// without starting the system viewer.
func (f *Documents) WritePDFTemp(id string) (string, error) { return f.writePDFTemp(id) }
