// Package zerolog is a stand-in for github.com/rs/zerolog, which Debian does not package: the API
// subset the fixed fixtures use, so they compile with go vet in GOPATH mode.
package zerolog

import "io"

type Logger struct{ w io.Writer }

type Event struct{}

func New(w io.Writer) Logger { return Logger{w} }

func (l Logger) Debug() *Event { return &Event{} }
func (l Logger) Info() *Event  { return &Event{} }
func (l Logger) Warn() *Event  { return &Event{} }
func (l Logger) Error() *Event { return &Event{} }

func (l Logger) With() Context { return Context{l} }

type Context struct{ l Logger }

func (c Context) Str(key, val string) Context { return c }
func (c Context) Logger() Logger              { return c.l }

func (e *Event) Str(key, val string) *Event                 { return e }
func (e *Event) Int(key string, i int) *Event               { return e }
func (e *Event) Bytes(key string, val []byte) *Event        { return e }
func (e *Event) Interface(key string, i interface{}) *Event { return e }
func (e *Event) Msg(msg string)                             {}
func (e *Event) Msgf(format string, v ...interface{})       {}
