package app

import (
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"bridgekeeper/data"
)

// fileRepo is Fyne's file repository with one change: writers are atomic
// and private. Fyne's own Writer truncates the chosen file (os.Create, mode
// 0666 less the umask) the moment the save dialog is confirmed, so a failed
// or interrupted export would leave an empty or half-written file where the
// old one was. Ours writes to a temporary file beside it (0600), and only a
// Close after writes that all succeeded syncs it and renames it into place.
// Everything else goes to Fyne's repository unchanged.
type fileRepo struct {
	base    repository.Repository
	journal data.TempJournal
}

// installFileRepo puts fileRepo in front of Fyne's file repository.
func installFileRepo(journal data.TempJournal) {
	base, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	repository.Register("file", &fileRepo{base: base, journal: journal})
}

func (r *fileRepo) Exists(u fyne.URI) (bool, error)               { return r.base.Exists(u) }
func (r *fileRepo) Reader(u fyne.URI) (fyne.URIReadCloser, error) { return r.base.Reader(u) }
func (r *fileRepo) CanRead(u fyne.URI) (bool, error)              { return r.base.CanRead(u) }
func (r *fileRepo) Destroy(scheme string)                         { r.base.Destroy(scheme) }

// Writer returns an atomic writer: nothing at u changes until Close.
func (r *fileRepo) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &atomicWriter{uri: u, journal: r.journal}, nil
}

func (r *fileRepo) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.base.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *fileRepo) Delete(u fyne.URI) error {
	if w, ok := r.base.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *fileRepo) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if a, ok := r.base.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *fileRepo) DeleteAll(u fyne.URI) error {
	if d, ok := r.base.(repository.DeleteAllRepository); ok {
		return d.DeleteAll(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *fileRepo) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.base.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *fileRepo) Child(u fyne.URI, component string) (fyne.URI, error) {
	if h, ok := r.base.(repository.HierarchicalRepository); ok {
		return h.Child(u, component)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *fileRepo) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.base.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *fileRepo) CreateListable(u fyne.URI) error {
	if l, ok := r.base.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *fileRepo) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.base.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *fileRepo) Copy(source, destination fyne.URI) error {
	if c, ok := r.base.(repository.CopyableRepository); ok {
		return c.Copy(source, destination)
	}
	return repository.ErrOperationNotSupported
}

func (r *fileRepo) Move(source, destination fyne.URI) error {
	if m, ok := r.base.(repository.MovableRepository); ok {
		return m.Move(source, destination)
	}
	return repository.ErrOperationNotSupported
}

// atomicWriter collects a file in a temporary file beside its target and
// puts it in place on Close. The temporary file is made on the first Write,
// so a writer closed unused (an export that failed before it wrote) leaves
// everything as it was; a failed Write makes Close discard the file.
type atomicWriter struct {
	uri     fyne.URI
	journal data.TempJournal
	tmp     *os.File
	failed  error
}

func (w *atomicWriter) URI() fyne.URI { return w.uri }

func (w *atomicWriter) Write(p []byte) (int, error) {
	if w.failed != nil {
		return 0, w.failed
	}
	if w.tmp == nil {
		path := w.uri.Path()
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real // replace the file a link points to, not the link
		}
		name := data.TempPath(path)
		w.journal.Add(name)
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			w.journal.Done(name)
			w.failed = err
			return 0, err
		}
		w.tmp = f
	}
	n, err := w.tmp.Write(p)
	if err != nil {
		w.failed = err
	}
	return n, err
}

// Close puts the file in place when every write succeeded.
func (w *atomicWriter) Close() error {
	if w.tmp == nil {
		return w.failed
	}
	name := w.tmp.Name()
	defer w.journal.Done(name)
	err := w.failed
	if err == nil {
		err = w.tmp.Sync()
	}
	if cerr := w.tmp.Close(); err == nil {
		err = cerr
	}
	w.tmp = nil
	if err == nil {
		target := w.uri.Path()
		if real, rerr := filepath.EvalSymlinks(target); rerr == nil {
			target = real
		}
		err = os.Rename(name, target)
		if err == nil {
			if d, derr := os.Open(filepath.Dir(target)); derr == nil {
				d.Sync()
				d.Close()
			}
			return nil
		}
	}
	os.Remove(name)
	if err == nil {
		err = errors.New("write failed")
	}
	return err
}
