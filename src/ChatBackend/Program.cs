using ChatBackend;

// Composition lives in ChatBackendApp / ChatBackendSetup so FakeRiver's dev mode can host the same app.
ChatBackendApp.Create(args).Run();
