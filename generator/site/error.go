package site

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Error is a problem in one input file. Line is 1-based, 0 when unknown.
type Error struct {
	Path string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds a positioned error.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// Errors collects positioned errors and warnings from one stage.
type Errors []*Error

// Add appends a positioned error.
func (l *Errors) Add(path string, line int, format string, args ...any) {
	*l = append(*l, Errorf(path, line, format, args...))
}

// Err sorts the list by path and line and joins it, or returns nil.
func (l Errors) Err() error {
	if len(l) == 0 {
		return nil
	}
	s := slices.Clone(l)
	SortErrors(s)
	errs := make([]error, len(s))
	for i, e := range s {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// SortErrors orders errors by path, then line, then message.
func SortErrors(l []*Error) {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Err.Error(), b.Err.Error()))
	})
}
