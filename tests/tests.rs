//! End-to-end tests of the `newsgraph` binary and the public library API,
//! as one test binary with a module per concern.

mod cli;
mod corpus;
mod examples;
mod golden;
mod library;
