package compose

import (
	"strings"
	"time"
)

// CityName names a zone the way a person would in an email: "London",
// "New York", "Buenos Aires", or the UTC offset for zones with no city
// ("UTC", "UTC-3"). Never tzdata's "-03".
func CityName(loc *time.Location, at time.Time) string {
	name := loc.String()
	if name == "UTC" || name == "Etc/UTC" || name == "Local" || !strings.Contains(name, "/") || strings.HasPrefix(name, "Etc/") {
		_, off := at.In(loc).Zone()
		return utcOffset(off)
	}
	city := name[strings.LastIndexByte(name, '/')+1:]
	return strings.ReplaceAll(city, "_", " ")
}

// timeIn writes the time of day of t for the recipient, in their zone, and
// the writer's too when the two clocks differ: "2:00 PM London time (9:00 AM
// New York time)". When they agree it is the time alone.
//
// A time the clocks show twice (the hour they go back) carries its offset,
// "1:30 AM (UTC+1)", or nobody can tell which was meant; and the writer's
// clock names its day when that differs from the recipient's.
func timeIn(t time.Time, theirs, yours *time.Location, e English) string {
	their, your := t.In(theirs), t.In(yours)
	_, theirOff := their.Zone()
	_, yourOff := your.Zone()
	if theirOff == yourOff {
		return clockOnce(t, theirs, e)
	}
	mine := clockOnce(t, yours, e) + " " + zoneTime(yours, t)
	if your.YearDay() != their.YearDay() {
		mine = your.Weekday().String() + " " + mine
	}
	return clockOnce(t, theirs, e) + " " + zoneTime(theirs, t) + " (" + mine + ")"
}

// clockOnce is the time of day of t in loc, with its UTC offset when loc's
// clocks show that time twice.
func clockOnce(t time.Time, loc *time.Location, e English) string {
	local := t.In(loc)
	clock := writeClock(local, e)
	if !repeatedWall(t, loc) {
		return clock
	}
	_, off := local.Zone()
	return clock + " (" + utcOffset(off) + ")"
}

// repeatedWall reports whether another instant within two hours of t shows
// the same date and time of day in loc: t falls in the hour the clocks go
// back.
func repeatedWall(t time.Time, loc *time.Location) bool {
	wall := t.In(loc)
	for _, d := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour} {
		for _, other := range []time.Time{t.Add(d), t.Add(-d)} {
			o := other.In(loc)
			if o.Year() == wall.Year() && o.YearDay() == wall.YearDay() && o.Hour() == wall.Hour() && o.Minute() == wall.Minute() {
				return true
			}
		}
	}
	return false
}

// zoneTime is "London time", or "UTC" alone for the zones with no city.
func zoneTime(loc *time.Location, at time.Time) string {
	city := CityName(loc, at)
	if strings.HasPrefix(city, "UTC") {
		return city
	}
	return city + " time"
}

// whenIn writes a date and time for the recipient: "Thursday 13 March at
// 14:30", with both clocks when the writer's differs (see timeIn), and the
// recipient's date, which is the one they will look up.
func whenIn(t, now time.Time, theirs, yours *time.Location, e English) string {
	return writeDay(t.In(theirs), now.In(theirs), e) + " at " + timeIn(t, theirs, yours, e)
}
