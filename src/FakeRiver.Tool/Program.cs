using FakeRiver.Cli;

// fakeriver [serve] | dev | run <scenarios>: see Cli/FakeRiverCommandLine.cs and `fakeriver --help`.
return await FakeRiverCommandLine.InvokeAsync(args);
