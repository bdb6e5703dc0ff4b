using FakeRiver.Cli;

// fakeriver [serve] | dev | cluster | run <scenarios>: see Cli/FakeRiverCommandLine.cs and `fakeriver --help`.
return await FakeRiverCommandLine.InvokeAsync(args);
