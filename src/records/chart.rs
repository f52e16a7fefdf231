//! Charts of the HTML report, drawn as SVG by plotters.
