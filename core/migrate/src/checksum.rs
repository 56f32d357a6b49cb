//! Migration checksums.

use sha2::{Digest, Sha256};

/// The checksum of a migration file: SHA-256 (hex) of its text with line endings normalized to
/// `\n`, so a checkout that converts line endings does not look like an edit.
pub fn checksum(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

/// SHA-256 (hex) of the bytes as they are.
pub fn raw_checksum(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::checksum;

    #[test]
    fn line_endings_do_not_change_the_checksum() {
        assert_eq!(checksum("a\nb\n"), checksum("a\r\nb\r\n"));
        assert_ne!(checksum("a\nb\n"), checksum("a\nc\n"));
        assert_eq!(checksum("").len(), 64);
    }
}
