// Package slog is a stand-in for the standard library's log/slog (Go 1.21) with the same API
// subset, so the fixed fixtures compile on older Go toolchains such as Debian bookworm's 1.19.
// GOPATH comes after GOROOT: where the real package exists, it is the one used.
package slog

import "context"

type Attr struct {
	Key   string
	Value any
}

func String(key, value string) Attr      { return Attr{key, value} }
func Any(key string, value any) Attr     { return Attr{key, value} }
func Int(key string, value int) Attr     { return Attr{key, value} }
func Bool(key string, value bool) Attr   { return Attr{key, value} }
func Group(key string, args ...any) Attr { return Attr{key, args} }

type Logger struct{}

var std = &Logger{}

func Default() *Logger { return std }

func (l *Logger) With(args ...any) *Logger                                  { return l }
func (l *Logger) WithGroup(name string) *Logger                             { return l }
func (l *Logger) Debug(msg string, args ...any)                             {}
func (l *Logger) Info(msg string, args ...any)                              {}
func (l *Logger) Warn(msg string, args ...any)                              {}
func (l *Logger) Error(msg string, args ...any)                             {}
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any) {}
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any)  {}
func (l *Logger) WarnContext(ctx context.Context, msg string, args ...any)  {}
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any) {}

func Debug(msg string, args ...any)                             {}
func Info(msg string, args ...any)                              {}
func Warn(msg string, args ...any)                              {}
func Error(msg string, args ...any)                             {}
func DebugContext(ctx context.Context, msg string, args ...any) {}
func InfoContext(ctx context.Context, msg string, args ...any)  {}
func WarnContext(ctx context.Context, msg string, args ...any)  {}
func ErrorContext(ctx context.Context, msg string, args ...any) {}
