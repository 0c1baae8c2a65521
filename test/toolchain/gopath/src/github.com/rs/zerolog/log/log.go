// Package log is a stand-in for github.com/rs/zerolog/log (see the parent package).
package log

import (
	"os"

	"github.com/rs/zerolog"
)

var Logger = zerolog.New(os.Stderr)

func Debug() *zerolog.Event { return Logger.Debug() }
func Info() *zerolog.Event  { return Logger.Info() }
func Warn() *zerolog.Event  { return Logger.Warn() }
func Error() *zerolog.Event { return Logger.Error() }
