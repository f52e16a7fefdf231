//! The time ledger: speaking time and overtime per delegation and per group of States, summed
//! over each meeting and over the whole event (both days, panels included), and per segment.
//! A pure function of the speeches heard.

use std::collections::BTreeMap;

use crate::meeting::Millis;

/// One speech as the ledger counts it.
#[derive(Clone, Copy, Debug)]
pub struct Statement<'a> {
    pub meeting: &'a str,
    pub segment: &'a str,
    /// The delegation (or office) whose time it is.
    pub speaking_for: &'a str,
    /// The group of States it was made on behalf of.
    pub group: Option<&'a str>,
    pub spoken: Millis,
    pub overtime: Millis,
}

/// Statements heard, time spoken and time over the allowance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub statements: usize,
    pub spoken: Millis,
    pub overtime: Millis,
}

impl Totals {
    fn add(&mut self, row: &Statement) {
        self.statements += 1;
        self.spoken += row.spoken;
        self.overtime += row.overtime;
    }
}

/// One delegation's (or group's, or office's) line of the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// "Iceland", "Group of 77 and China", "Secretary-General".
    pub who: String,
    /// Totals by meeting id, in program order of first appearance.
    pub meetings: Vec<(String, Totals)>,
    /// Over the whole event.
    pub total: Totals,
}

/// A column the ledger's lines can be sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Column {
    Name,
    Statements,
    #[default]
    Spoken,
    Overtime,
}

/// Sorts `lines` by `by`: names A to Z; figures largest first (ties by name).
pub fn sort(lines: &mut [Line], by: Column) {
    lines.sort_by(|a, b| {
        let figures = match by {
            Column::Name => std::cmp::Ordering::Equal,
            Column::Statements => b.total.statements.cmp(&a.total.statements),
            Column::Spoken => b.total.spoken.cmp(&a.total.spoken),
            Column::Overtime => b.total.overtime.cmp(&a.total.overtime),
        };
        figures.then_with(|| a.who.cmp(&b.who))
    });
}

/// One segment's totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentTotals {
    pub meeting: String,
    pub segment: String,
    pub totals: Totals,
}

/// The ledger of a journal's speeches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ledger {
    /// Per delegation, Member State or observer (or office, for a speaker with none): every
    /// statement it delivered, in its own name or on behalf of a group. Most time first.
    pub delegations: Vec<Line>,
    /// Per group of States: the statements made on its behalf. Most time first.
    pub groups: Vec<Line>,
    /// Per segment, in the order heard.
    pub segments: Vec<SegmentTotals>,
    /// Over everything.
    pub total: Totals,
}

impl Ledger {
    /// The ledger of `speeches` (in the order heard).
    pub fn of<'a>(speeches: impl IntoIterator<Item = Statement<'a>>) -> Ledger {
        let mut delegations: BTreeMap<&str, Line> = BTreeMap::new();
        let mut groups: BTreeMap<&str, Line> = BTreeMap::new();
        let mut segments: Vec<SegmentTotals> = Vec::new();
        let mut total = Totals::default();
        for row in speeches {
            total.add(&row);
            enter(&mut delegations, row.speaking_for, &row);
            if let Some(group) = row.group {
                enter(&mut groups, group, &row);
            }
            match segments
                .iter_mut()
                .find(|s| s.meeting == row.meeting && s.segment == row.segment)
            {
                Some(s) => s.totals.add(&row),
                None => {
                    let mut totals = Totals::default();
                    totals.add(&row);
                    segments.push(SegmentTotals {
                        meeting: row.meeting.to_string(),
                        segment: row.segment.to_string(),
                        totals,
                    });
                }
            }
        }
        Ledger {
            delegations: by_time(delegations),
            groups: by_time(groups),
            segments,
            total,
        }
    }
}

fn enter<'a>(lines: &mut BTreeMap<&'a str, Line>, who: &'a str, row: &Statement) {
    let line = lines.entry(who).or_insert_with(|| Line {
        who: who.to_string(),
        meetings: Vec::new(),
        total: Totals::default(),
    });
    line.total.add(row);
    match line.meetings.iter_mut().find(|(m, _)| m == row.meeting) {
        Some((_, totals)) => totals.add(row),
        None => {
            let mut totals = Totals::default();
            totals.add(row);
            line.meetings.push((row.meeting.to_string(), totals));
        }
    }
}

/// The lines with the most time spoken first; equal times by name.
fn by_time(lines: BTreeMap<&str, Line>) -> Vec<Line> {
    let mut lines: Vec<Line> = lines.into_values().collect();
    sort(&mut lines, Column::Spoken);
    lines
}

/// One of the ledger's tables, for the report to render in its format.
pub struct Table {
    pub title: &'static str,
    pub head: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

impl Ledger {
    /// The ledger as tables: by delegation, by group of States, by segment.
    pub fn tables(&self) -> Vec<Table> {
        let lines = |lines: &[Line]| {
            lines
                .iter()
                .map(|l| {
                    let mut row = vec![l.who.clone()];
                    row.extend(cells(&l.total));
                    row.push(
                        l.meetings
                            .iter()
                            .map(|(m, t)| format!("{m} {} (over {})", t.spoken, t.overtime))
                            .collect::<Vec<_>>()
                            .join("; "),
                    );
                    row
                })
                .collect()
        };
        let mut segments: Vec<Vec<String>> = self
            .segments
            .iter()
            .map(|s| {
                let mut row = vec![s.meeting.clone(), s.segment.clone()];
                row.extend(cells(&s.totals));
                row
            })
            .collect();
        let mut all = vec!["whole event".to_string(), String::new()];
        all.extend(cells(&self.total));
        segments.push(all);
        vec![
            Table {
                title: "Speaking time by delegation",
                head: &[
                    "delegation",
                    "statements",
                    "spoken",
                    "overtime",
                    "by meeting",
                ],
                rows: lines(&self.delegations),
            },
            Table {
                title: "Speaking time on behalf of groups of States",
                head: &["group", "statements", "spoken", "overtime", "by meeting"],
                rows: lines(&self.groups),
            },
            Table {
                title: "Speaking time by segment",
                head: &["meeting", "segment", "statements", "spoken", "overtime"],
                rows: segments,
            },
        ]
    }

    /// The ledger as CSV: one row per delegation, group and segment, for each meeting and
    /// for the whole event; durations in seconds to the millisecond.
    pub fn csv(&self) -> String {
        let secs = |m: Millis| format!("{}.{:03}", m.0.div_euclid(1000), m.0.rem_euclid(1000));
        let mut out = csv::Writer::from_writer(Vec::new());
        let _ = out.write_record([
            "by",
            "name",
            "meeting",
            "statements",
            "spoken_s",
            "overtime_s",
        ]);
        let mut row = |by: &str, name: &str, meeting: &str, t: &Totals| {
            let _ = out.write_record([
                by,
                name,
                meeting,
                &t.statements.to_string(),
                &secs(t.spoken),
                &secs(t.overtime),
            ]);
        };
        for (by, lines) in [("delegation", &self.delegations), ("group", &self.groups)] {
            for line in lines {
                for (meeting, totals) in &line.meetings {
                    row(by, &line.who, meeting, totals);
                }
                row(by, &line.who, "", &line.total);
            }
        }
        for s in &self.segments {
            row("segment", &s.segment, &s.meeting, &s.totals);
        }
        row("event", "", "", &self.total);
        let bytes = out.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn cells(t: &Totals) -> [String; 3] {
    [
        t.statements.to_string(),
        t.spoken.to_string(),
        t.overtime.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Millis;

    fn line(who: &str, statements: usize, spoken: i64, overtime: i64) -> Line {
        Line {
            who: who.into(),
            meetings: Vec::new(),
            total: Totals {
                statements,
                spoken: Millis::from_secs(spoken),
                overtime: Millis::from_secs(overtime),
            },
        }
    }

    #[test]
    fn each_column_sorts_names_a_to_z_and_figures_largest_first() {
        let mut lines = vec![
            line("Chile", 1, 200, 20),
            line("Brazil", 2, 300, 0),
            line("Angola", 1, 200, 5),
        ];
        fn order(lines: &[Line]) -> Vec<&str> {
            lines.iter().map(|l| l.who.as_str()).collect()
        }
        sort(&mut lines, Column::Name);
        assert_eq!(order(&lines), ["Angola", "Brazil", "Chile"]);
        sort(&mut lines, Column::Spoken);
        assert_eq!(order(&lines), ["Brazil", "Angola", "Chile"]);
        sort(&mut lines, Column::Overtime);
        assert_eq!(order(&lines), ["Chile", "Angola", "Brazil"]);
        sort(&mut lines, Column::Statements);
        assert_eq!(order(&lines), ["Brazil", "Angola", "Chile"]);
    }
}
