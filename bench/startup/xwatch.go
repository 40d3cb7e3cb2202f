package main

import (
	"fmt"
	"io"
	"log"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// mapped is one top-level window appearing: its title and when the X
// server's notice of it arrived.
type mapped struct {
	title  string
	at     time.Time
	window uint32
}

// watchMaps listens on display for top-level windows being mapped. One
// connection that the server writes to replaces polling with xdotool,
// which cost a process every few milliseconds, competed with the program
// being timed for the CPU, and rounded every figure up to the next poll.
func watchMaps(display string) (<-chan mapped, func(), error) {
	// xgb logs the read error that closing the connection causes.
	xgb.Logger = log.New(io.Discard, "", 0)
	x, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to %s: %w", display, err)
	}
	root := xproto.Setup(x).DefaultScreen(x).Root
	err = xproto.ChangeWindowAttributesChecked(x, root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}).Check()
	if err != nil {
		x.Close()
		return nil, nil, fmt.Errorf("watch %s: %w", display, err)
	}
	netName, err := internAtom(x, "_NET_WM_NAME")
	if err != nil {
		x.Close()
		return nil, nil, err
	}
	events := make(chan mapped, 16)
	go func() {
		defer close(events)
		for {
			ev, xerr := x.WaitForEvent()
			if ev == nil && xerr == nil {
				return // connection closed
			}
			m, ok := ev.(xproto.MapNotifyEvent)
			if !ok {
				continue
			}
			at := time.Now()
			events <- mapped{title: windowTitle(x, m.Window, netName), at: at, window: uint32(m.Window)}
		}
	}()
	return events, x.Close, nil
}

func internAtom(x *xgb.Conn, name string) (xproto.Atom, error) {
	r, err := xproto.InternAtom(x, false, uint16(len(name)), name).Reply()
	if err != nil {
		return 0, fmt.Errorf("atom %s: %w", name, err)
	}
	return r.Atom, nil
}

// windowTitle reads the UTF-8 title GLFW sets, falling back to WM_NAME.
func windowTitle(x *xgb.Conn, w xproto.Window, netName xproto.Atom) string {
	for _, prop := range []xproto.Atom{netName, xproto.AtomWmName} {
		r, err := xproto.GetProperty(x, false, w, prop, xproto.GetPropertyTypeAny, 0, 256).Reply()
		if err == nil && r.ValueLen > 0 {
			return string(r.Value)
		}
	}
	return ""
}
