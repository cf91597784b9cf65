/**
 * How a user's value appears inside a one-line message: quoted, with line breaks escaped, and cut when
 * long so that a hostile value cannot make a message huge. No dependencies: every package may use it.
 */
package dev.policymatch.text;
