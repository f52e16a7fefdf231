//! Spreadsheet exports as they come: the encoding (UTF-8 with or without a byte-order mark,
//! or a legacy one detected by chardetng and decoded by encoding_rs), the field separator,
//! and the line a row starts on.

/// The text of a spreadsheet export: UTF-8 (a byte-order mark dropped), or, when the bytes
/// are not UTF-8, the legacy encoding chardetng finds (Windows-1252 for a Western-European
/// Excel), decoded by encoding_rs and said in a note.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let note =
            (encoding != encoding_rs::UTF_8).then(|| format!("decoded as {}", encoding.name()));
        return (text.into_owned(), note);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, true);
    let (text, _, _) = encoding.decode(bytes);
    (
        text.into_owned(),
        Some(format!(
            "the file is not UTF-8: decoded as {} (save it as \"CSV UTF-8\" to avoid the guess)",
            encoding.name()
        )),
    )
}

/// The field separator of a spreadsheet export: the one of comma, semicolon and tab that the
/// header row has most of outside quotes (Excel writes semicolons in many European locales).
pub(super) fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(c, _)| *c == byte) {
            count.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(c, n)| (*n, *c == b','))
        .map_or(b',', |(c, _)| *c)
}

/// The 1-based line of `text` on which byte `at` stands.
pub(super) fn line_of(text: &str, at: u64) -> usize {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    // After a CRLF the reader places the next row at the `\n`: the row starts after it.
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}
