//! Whether a URL's host names this machine. Two places ask, and must agree: a redirect rule
//! (plain http to this machine is development, not a leak) and `catalogue pull` (the API key
//! may travel without TLS only to a stand-in server here).

use std::net::{Ipv4Addr, Ipv6Addr};

/// `localhost` and its subdomains (RFC 6761 §6.3: they resolve to loopback), IPv4 127.0.0.0/8
/// and IPv6 `::1`, as a URL's host is written (IPv6 in brackets, no port). Names are
/// case-insensitive and may end in the root's dot (`localhost.`), as in DNS.
///
/// `0.0.0.0` and the IPv4-mapped `[::ffff:127.0.0.1]` are not local: browsers do not count
/// them as secure contexts (W3C Secure Contexts, "potentially trustworthy origin"), and a
/// payload's redirect is judged as a browser would judge it.
pub(crate) fn is_local_host(host: &str) -> bool {
    if let Some(literal) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return literal.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    is_localhost_name(name) || name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// [`is_local_host`] without the subdomains of `localhost`: what may receive an API key over
/// plain http. `localhost` itself comes from the hosts file, but `shop.localhost` is handed to
/// the system resolver by the HTTP client, and a hostile DNS server could answer it.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let name = host.strip_suffix('.').unwrap_or(host);
    is_local_host(host) && (name.eq_ignore_ascii_case("localhost") || is_ip_literal(name))
}

fn is_ip_literal(name: &str) -> bool {
    name.starts_with('[') || name.parse::<Ipv4Addr>().is_ok()
}

/// `localhost`, or a name ending in `.localhost`, in any case.
fn is_localhost_name(name: &str) -> bool {
    const LOCALHOST: &[u8] = b"localhost";
    // Bytes, not a `str` split: a host may hold non-ASCII text, and a cut need not land on a
    // character boundary.
    let bytes = name.as_bytes();
    let Some(start) = bytes.len().checked_sub(LOCALHOST.len()) else {
        return false;
    };
    let label_starts = start == 0 || bytes.get(start - 1) == Some(&b'.');
    label_starts && bytes[start..].eq_ignore_ascii_case(LOCALHOST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_go_to_loopback_but_not_to_names_a_resolver_answers() {
        for host in ["localhost", "LOCALHOST.", "127.0.0.1", "127.1.2.3", "[::1]"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["shop.localhost", "a.b.localhost.", "0.0.0.0", "example.com"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn localhost_names_in_any_case_and_with_the_root_dot() {
        for host in [
            "localhost",
            "LOCALHOST",
            "localhost.",
            "LOCALHOST.",
            "shop.localhost",
            "Shop.LOCALHOST.",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "notlocalhost",
            "localhost.example",
            "localhost..",
            "ocalhost",
            "",
            "é.localhosté",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn loopback_addresses_only() {
        for host in [
            "127.0.0.1",
            "127.255.0.9",
            "127.0.0.1.",
            "[::1]",
            "[0:0:0:0:0:0:0:1]",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "0.0.0.0",
            "[::]",
            "[::ffff:127.0.0.1]",
            "127.0.0.1.example",
            "128.0.0.1",
            "[::1",
            "::1",
            "[::1]:8080",
            "[::1%25lo]",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
