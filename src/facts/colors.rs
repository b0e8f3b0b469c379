//! CSS colours as the theme config accepts them (SDK `ThemeModeConfig` doc comment): hex with or
//! without `#`, functional notations, and named colours.

/// CSS Color Module Level 4 named colours, plus `transparent` and `currentcolor`, sorted for
/// binary search (a test keeps them so).
const NAMED: &[&str] = &[
    "aliceblue",
    "antiquewhite",
    "aqua",
    "aquamarine",
    "azure",
    "beige",
    "bisque",
    "black",
    "blanchedalmond",
    "blue",
    "blueviolet",
    "brown",
    "burlywood",
    "cadetblue",
    "chartreuse",
    "chocolate",
    "coral",
    "cornflowerblue",
    "cornsilk",
    "crimson",
    "currentcolor",
    "cyan",
    "darkblue",
    "darkcyan",
    "darkgoldenrod",
    "darkgray",
    "darkgreen",
    "darkgrey",
    "darkkhaki",
    "darkmagenta",
    "darkolivegreen",
    "darkorange",
    "darkorchid",
    "darkred",
    "darksalmon",
    "darkseagreen",
    "darkslateblue",
    "darkslategray",
    "darkslategrey",
    "darkturquoise",
    "darkviolet",
    "deeppink",
    "deepskyblue",
    "dimgray",
    "dimgrey",
    "dodgerblue",
    "firebrick",
    "floralwhite",
    "forestgreen",
    "fuchsia",
    "gainsboro",
    "ghostwhite",
    "gold",
    "goldenrod",
    "gray",
    "green",
    "greenyellow",
    "grey",
    "honeydew",
    "hotpink",
    "indianred",
    "indigo",
    "ivory",
    "khaki",
    "lavender",
    "lavenderblush",
    "lawngreen",
    "lemonchiffon",
    "lightblue",
    "lightcoral",
    "lightcyan",
    "lightgoldenrodyellow",
    "lightgray",
    "lightgreen",
    "lightgrey",
    "lightpink",
    "lightsalmon",
    "lightseagreen",
    "lightskyblue",
    "lightslategray",
    "lightslategrey",
    "lightsteelblue",
    "lightyellow",
    "lime",
    "limegreen",
    "linen",
    "magenta",
    "maroon",
    "mediumaquamarine",
    "mediumblue",
    "mediumorchid",
    "mediumpurple",
    "mediumseagreen",
    "mediumslateblue",
    "mediumspringgreen",
    "mediumturquoise",
    "mediumvioletred",
    "midnightblue",
    "mintcream",
    "mistyrose",
    "moccasin",
    "navajowhite",
    "navy",
    "oldlace",
    "olive",
    "olivedrab",
    "orange",
    "orangered",
    "orchid",
    "palegoldenrod",
    "palegreen",
    "paleturquoise",
    "palevioletred",
    "papayawhip",
    "peachpuff",
    "peru",
    "pink",
    "plum",
    "powderblue",
    "purple",
    "rebeccapurple",
    "red",
    "rosybrown",
    "royalblue",
    "saddlebrown",
    "salmon",
    "sandybrown",
    "seagreen",
    "seashell",
    "sienna",
    "silver",
    "skyblue",
    "slateblue",
    "slategray",
    "slategrey",
    "snow",
    "springgreen",
    "steelblue",
    "tan",
    "teal",
    "thistle",
    "tomato",
    "transparent",
    "turquoise",
    "violet",
    "wheat",
    "white",
    "whitesmoke",
    "yellow",
    "yellowgreen",
];

const FUNCTIONS: &[&str] = &[
    "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color",
];

/// True for a colour the checkout theme accepts. Functional notations are checked for shape
/// (name, balanced parentheses, only numbers, units, separators and `none` inside), not range.
pub(crate) fn is_css_color(value: &str) -> bool {
    let value = value.trim();
    // Hex first: it is what themes mostly use, and it needs no lowercasing.
    let hex = value.strip_prefix('#').unwrap_or(value);
    if matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if NAMED.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    let Some((name, rest)) = lower.split_once('(') else {
        return false;
    };
    let Some(arguments) = rest.strip_suffix(')') else {
        return false;
    };
    FUNCTIONS.contains(&name.trim())
        && !arguments.trim().is_empty()
        && arguments.split([' ', ',', '/']).all(|part| {
            part.is_empty()
                || part == "none"
                || part.starts_with("srgb")
                || part.starts_with("display-p3")
                || part.starts_with("a98-rgb")
                || part.starts_with("prophoto-rgb")
                || part.starts_with("rec2020")
                || part.starts_with("xyz")
                || is_number_with_unit(part)
        })
}

fn is_number_with_unit(part: &str) -> bool {
    let number_end = part
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e')))
        .unwrap_or(part.len());
    let (number, unit) = part.split_at(number_end);
    number.parse::<f64>().is_ok() && matches!(unit, "" | "%" | "deg" | "rad" | "grad" | "turn")
}

#[cfg(test)]
mod tests {
    use super::{NAMED, is_css_color};

    #[test]
    fn named_colours_are_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn accepts_the_documented_formats() {
        for ok in [
            "#fff",
            "ffffff",
            "#ffffffff",
            "rgb(255, 255, 255)",
            "rgba(255,255,255,0.5)",
            "hsl(120, 100%, 50%)",
            "oklch(70% 0.1 200 / 50%)",
            "color(display-p3 1 0 0)",
            "White",
            "transparent",
        ] {
            assert!(is_css_color(ok), "{ok}");
        }
        for bad in [
            "bg_primary",
            "#ggg",
            "rgb(255, 255",
            "url(x)",
            "",
            "12px",
            "#fffff",
        ] {
            assert!(!is_css_color(bad), "{bad}");
        }
    }
}
