use crate::BuildError;

/// A documented server of an API; generated `Server` enums implement this.
pub trait ServerUrl {
    /// The server's URL with its variables substituted.
    fn url(&self) -> Result<String, BuildError>;
}

/// Fills `{name}` placeholders of a server URL template.
///
/// Each value is checked against the variable's documented `enum` (when it has
/// one) and may not contain characters that would change the URL's structure.
pub fn substitute(
    template: &str,
    variables: &[(&str, &str, &[&str])],
) -> Result<String, BuildError> {
    let mut url = template.to_owned();
    for (name, value, allowed) in variables {
        let refuse = |reason: String| BuildError::InvalidServerVariable {
            name: (*name).to_owned(),
            reason,
        };
        if !allowed.is_empty() && !allowed.contains(value) {
            return Err(refuse(format!("{value:?} is not one of {allowed:?}")));
        }
        if value.is_empty() {
            return Err(refuse("the value is empty".to_owned()));
        }
        if let Some(bad) = value.chars().find(|c| {
            matches!(c, '/' | '?' | '#' | '@' | '\\') || c.is_whitespace() || c.is_control()
        }) {
            return Err(refuse(format!("{value:?} contains {bad:?}")));
        }
        url = url.replace(&format!("{{{name}}}"), value);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_and_validates() {
        let url = substitute("https://{domain}/x", &[("domain", "va.example.net", &[])]).unwrap();
        assert_eq!(url, "https://va.example.net/x");
        assert!(substitute("https://{domain}", &[("domain", "evil.com/steal?", &[])]).is_err());
        assert!(substitute("https://{r}.x", &[("r", "eu", &["us", "in"])]).is_err());
        assert!(substitute("https://{r}.x", &[("r", "us", &["us", "in"])]).is_ok());
    }
}
