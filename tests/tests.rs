//! End-to-end tests of the `newsgraph` binary and the public library API,
//! as one test binary with a module per concern.

mod atomic_outputs;
mod bad_input;
mod cli;
mod corpora;
mod corpus;
mod corrupt_graphs;
mod examples;
mod golden;
mod library;
mod merge_properties;
mod regression;
mod untrusted_text;
