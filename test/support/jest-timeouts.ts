// Int and e2e tests start real processes; their waits are bounded by waitFor, not by Jest.
jest.setTimeout(180_000);
