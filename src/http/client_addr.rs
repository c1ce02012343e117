//! The requester's address, for the per-address rate limits and sign-in lock-outs. Behind a reverse
//! proxy (TLS termination) every connection comes from the proxy, so its `X-Forwarded-For` is
//! believed, but only when the connection comes from one of `http.trusted_proxies`: anyone else
//! could write any address there and escape their limit.

use std::net::IpAddr;

use actix_web::HttpRequest;

use crate::config::ProxyNet;

/// The client address of `req` as text (empty when the connection has none): the peer's, or, when
/// the peer is a trusted proxy, the right-most `X-Forwarded-For` entry that is not a trusted proxy
/// itself (entries left of it were written by the client and prove nothing). Falls back to the
/// peer when the header is missing or malformed.
pub fn client_addr(req: &HttpRequest, trusted: &[ProxyNet]) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else { return String::new() };
    let forwarded = req.headers().get_all("x-forwarded-for").filter_map(|v| v.to_str().ok());
    resolve(peer, forwarded, trusted).to_string()
}

fn resolve<'a>(peer: IpAddr, forwarded: impl Iterator<Item = &'a str>, trusted: &[ProxyNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    // Several header lines are one list, in order.
    let hops: Vec<&str> = forwarded.flat_map(|line| line.split(',')).map(str::trim).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // A hop we cannot read: stop at the last address we could.
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<ProxyNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let trusted = nets(&["10.0.0.1"]);
        assert_eq!(resolve(ip("203.0.113.9"), ["198.51.100.1"].into_iter(), &trusted), ip("203.0.113.9"));
        assert_eq!(resolve(ip("127.0.0.1"), ["198.51.100.1"].into_iter(), &[]), ip("127.0.0.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_right_most_first() {
        let trusted = nets(&["127.0.0.1", "10.0.0.0/8"]);
        // The client wrote a fake first entry; nginx appended the real address.
        let header = ["1.2.3.4, 198.51.100.7"];
        assert_eq!(resolve(ip("127.0.0.1"), header.into_iter(), &trusted), ip("198.51.100.7"));
        // Two proxies in a row: the inner one's address is skipped.
        let header = ["1.2.3.4, 198.51.100.7, 10.1.2.3"];
        assert_eq!(resolve(ip("127.0.0.1"), header.into_iter(), &trusted), ip("198.51.100.7"));
        // Two header lines form one list.
        let lines = ["1.2.3.4", "2001:db8::5"];
        assert_eq!(resolve(ip("10.9.9.9"), lines.into_iter(), &trusted), ip("2001:db8::5"));
    }

    #[test]
    fn a_missing_or_unreadable_header_leaves_the_last_address_read() {
        let trusted = nets(&["127.0.0.1", "10.0.0.0/8"]);
        assert_eq!(resolve(ip("127.0.0.1"), std::iter::empty(), &trusted), ip("127.0.0.1"));
        assert_eq!(resolve(ip("127.0.0.1"), ["unknown"].into_iter(), &trusted), ip("127.0.0.1"));
        assert_eq!(
            resolve(ip("127.0.0.1"), ["1.2.3.4, garbage, 10.0.0.2"].into_iter(), &trusted),
            ip("10.0.0.2")
        );
    }
}
