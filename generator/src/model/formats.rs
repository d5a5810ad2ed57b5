//! String formats as Rust types: which formats the user asked to type, the
//! crate that types dates, and the type each format becomes.

use std::collections::BTreeSet;

/// A string `format` the client can type instead of `String`
/// (`Config::typed_formats`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `date-time` (RFC 3339): a point in time.
    DateTime,
    /// `date` (RFC 3339 `full-date`): a calendar date.
    Date,
    /// `duration` (ISO 8601): with `jiff` only, since chrono's durations
    /// have no text form.
    Duration,
    /// `uuid`.
    Uuid,
    /// `uri` and `url`: an absolute URL.
    Url,
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
}

impl Format {
    /// Every format, in the order the docs list them.
    pub const ALL: [Format; 7] = [
        Format::DateTime,
        Format::Date,
        Format::Duration,
        Format::Uuid,
        Format::Url,
        Format::Ipv4,
        Format::Ipv6,
    ];

    /// The format a schema's `format` names, if it is one of these.
    pub fn named(format: &str) -> Option<Format> {
        Some(match format {
            "date-time" => Format::DateTime,
            "date" => Format::Date,
            "duration" => Format::Duration,
            "uuid" => Format::Uuid,
            "uri" | "url" => Format::Url,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            _ => return None,
        })
    }

    /// The name the CLI and the docs use (`date-time`).
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Duration => "duration",
            Format::Uuid => "uuid",
            Format::Url => "uri",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
        }
    }
}

/// The crate whose types dates become; the runtime re-exports it behind a
/// feature of the same name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateCrate {
    /// `chrono`: `DateTime<Utc>`, `NaiveDate`.
    #[default]
    Chrono,
    /// `jiff`: `Timestamp`, `civil::Date`, `SignedDuration`.
    Jiff,
}

impl DateCrate {
    /// The crate's name, which is the runtime's feature.
    pub fn name(self) -> &'static str {
        match self {
            DateCrate::Chrono => "chrono",
            DateCrate::Jiff => "jiff",
        }
    }
}

/// Which formats are typed, and with which date crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Formats {
    pub typed: BTreeSet<Format>,
    pub dates: DateCrate,
}

/// The Rust type a typed format is: the model's choice, printed by `emit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Typed {
    ChronoDateTime,
    ChronoDate,
    JiffTimestamp,
    JiffDate,
    JiffDuration,
    Uuid,
    Url,
    Ipv4,
    Ipv6,
}

impl Typed {
    /// Whether its `Display` is not the text the format says (chrono's
    /// `DateTime` shows `2024-05-01 10:00:00 UTC`): a parameter of it is
    /// written through the runtime's RFC 3339 writer.
    pub fn displays_otherwise(self) -> bool {
        self == Typed::ChronoDateTime
    }

    /// The runtime feature the type needs, if any.
    pub fn feature(self) -> Option<&'static str> {
        match self {
            Typed::ChronoDateTime | Typed::ChronoDate => Some("chrono"),
            Typed::JiffTimestamp | Typed::JiffDate | Typed::JiffDuration => Some("jiff"),
            Typed::Uuid | Typed::Url | Typed::Ipv4 | Typed::Ipv6 => None,
        }
    }
}

impl Formats {
    /// The type a string schema of `format` becomes, when it is typed.
    pub fn typed(&self, format: &str) -> Option<Typed> {
        let format = Format::named(format).filter(|f| self.typed.contains(f))?;
        let chrono = self.dates == DateCrate::Chrono;
        Some(match format {
            Format::DateTime if chrono => Typed::ChronoDateTime,
            Format::DateTime => Typed::JiffTimestamp,
            Format::Date if chrono => Typed::ChronoDate,
            Format::Date => Typed::JiffDate,
            // chrono's `TimeDelta` has no text form to read or write.
            Format::Duration if chrono => return None,
            Format::Duration => Typed::JiffDuration,
            Format::Uuid => Typed::Uuid,
            Format::Url => Typed::Url,
            Format::Ipv4 => Typed::Ipv4,
            Format::Ipv6 => Typed::Ipv6,
        })
    }
}
