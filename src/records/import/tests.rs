//! Tests of the import: the sample list, variants, every bad row named, spreadsheet files.

use super::*;
use crate::meeting::Sources;

fn seed() -> (Program, Delegations) {
    let (program, _) = Sources::seed().expect("seed").validate().expect("valid");
    (program, Delegations::embedded().expect("delegations"))
}

const HEADER: &str = "order,meeting,delegation,speaker,title,level,kind,on behalf of,allotted\n";

#[test]
fn the_sample_csv_gives_the_same_list_as_the_seed() {
    let (program, delegations) = seed();
    let text = include_str!("../../../config/hlm-2025-speakers.csv");
    let imported = parse(text, "hlm-2025-speakers.csv", &program, &delegations)
        .expect("imports")
        .speakers;
    let seed = Sources::seed().expect("seed").speakers;
    assert_eq!(
        imported.len(),
        19 + 64,
        "the seats and the list of speakers"
    );
    assert_eq!(imported, seed);
}

#[test]
fn variants_kind_labels_and_positions_are_understood() {
    let (program, delegations) = seed();
    let text = format!(
        "{HEADER}2,tue-am,Turkey,Ayşe Yılmaz,Minister,Minister,individual,,\n\
         1,tue-am,Fiji,Ratu Seru,Ambassador,,On behalf of a group of States,AOSIS,4:00\n"
    );
    let mut list = parse(&text, "t.csv", &program, &delegations)
        .expect("imports")
        .speakers;
    // The order is applied when the list is placed on the program (config::Sources).
    list.sort_by_key(|s| s.order);
    assert_eq!(list[0].delegation.as_deref(), Some("Fiji"));
    assert_eq!(list[0].kind, "group");
    assert_eq!(
        list[0].on_behalf_of.as_deref(),
        Some("the Alliance of Small Island States")
    );
    assert_eq!(list[0].allotted.as_deref(), Some("4:00"));
    assert_eq!(list[1].delegation.as_deref(), Some("Türkiye"));
    assert_eq!(list[1].level.as_deref(), Some("minister"));
}

#[test]
fn every_bad_row_is_reported_with_its_row_and_column_and_nothing_is_imported() {
    let (program, delegations) = seed();
    let text = format!(
        "{HEADER}1,tue-am,Narnia,A. Person,Minister,minister,individual,,\n\
         2,wed-am,Chile,Ana Pérez,Minister,minister,individual,,\n\
         3,tue-am,Chile,,Minister,minister,individual,,\n\
         4,tue-am,Peru,Luis Soto,Minister,minister,speech,,\n\
         5,tue-am,Ghana,Kofi Boateng,Minister,minister,group,,\n\
         6,tue-am,Mali,Awa Traoré,Minister,minister,individual,,3 minutes\n\
         6,tue-am,Chad,Idriss Mahamat,Minister,minister,individual,,\n\
         x,tue-am,Togo,Komi Agbo,Minister,minister,individual,,\n\
         9,tue-am,Benin,Jean Houngbo,Minister,minister,group,Friends of Narnia,\n\
         10,tue-am,Niger,Moussa Issa,Minister,emperor,individual,,\n\
         11,tue-am,Japan,Haruki Sato,Minister,minister,individual,,\n"
    );
    let Err(ImportError::Rows { file, problems }) = parse(&text, "bad.csv", &program, &delegations)
    else {
        panic!("the file is refused");
    };
    assert_eq!(file, "bad.csv");
    let at = |row: usize, column: &str| {
        problems
            .iter()
            .find(|p| p.row == row && p.column == column)
            .unwrap_or_else(|| panic!("no problem at row {row}, `{column}`: {problems:#?}"))
            .message
            .clone()
    };
    assert!(at(2, "delegation").contains("unknown delegation `Narnia`"));
    assert!(at(3, "meeting").contains("unknown meeting `wed-am`"));
    // Row 4 has no name: accepted, to be confirmed.
    assert!(!problems.iter().any(|p| p.row == 4), "{problems:#?}");
    assert!(at(5, "kind").contains("unknown statement kind `speech`"));
    assert!(at(6, "on behalf of").contains("names the group of States"));
    assert!(at(7, "allotted").contains("not a duration"));
    assert!(at(8, "order").contains("given twice"));
    assert!(at(9, "order").contains("`x` is not a position"));
    assert!(at(10, "on behalf of").contains("unknown group of States `Friends of Narnia`"));
    assert!(at(11, "level").contains("unknown level of representation `emperor`"));
    assert!(
        !problems.iter().any(|p| p.row == 12),
        "the good row has no problem"
    );
    assert_eq!(problems.len(), 9, "{problems:#?}");
    let message = ImportError::Rows { file, problems }.to_string();
    assert!(
        message.starts_with("bad.csv: nothing imported; 9 problem(s):"),
        "{message}"
    );
}

#[test]
fn a_bad_header_is_named() {
    let (program, delegations) = seed();
    let e =
        parse("meeting,speaker,colour\n", "h.csv", &program, &delegations).expect_err("refused");
    assert!(e.to_string().contains("unknown column `colour`"), "{e}");
    let e = parse("meeting,speaker\n", "h.csv", &program, &delegations).expect_err("refused");
    assert!(
        e.to_string().contains("the column `kind` is missing"),
        "{e}"
    );
}
