package com.ecsapi.onboarder.testbed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("emulator")
class MissingPythonTest {

    @AfterEach
    void restore() {
        System.clearProperty(MotoServer.PYTHON_PROPERTY);
    }

    @Test
    void aMissingPythonFailsWithHowToInstallIt() {
        System.setProperty(MotoServer.PYTHON_PROPERTY, "/nonexistent/python3");

        IllegalStateException error = assertThrows(IllegalStateException.class, MotoServer::start);

        assertTrue(error.getMessage().contains("/nonexistent/python3"), error.getMessage());
        assertTrue(error.getMessage().contains("pip install 'moto[server]==5.2.1'"), error.getMessage());
    }

    @Test
    void aPythonWithoutMotoFailsWithHowToInstallIt(@TempDir Path dir) throws IOException {
        // python3 -S does not load site-packages, so moto cannot be imported: the launcher must say how to install it
        Path python = dir.resolve("python-without-site-packages");
        Files.writeString(python, "#!/bin/sh\nexec python3 -S \"$@\"\n");
        assertTrue(python.toFile().setExecutable(true));
        System.setProperty(MotoServer.PYTHON_PROPERTY, python.toString());

        IllegalStateException error = assertThrows(IllegalStateException.class, MotoServer::start);

        assertTrue(error.getMessage().contains("exited with code 3"), error.getMessage());
        assertTrue(error.getMessage().contains("moto with its server extras is not importable"), error.getMessage());
        assertTrue(error.getMessage().contains("pip install 'moto[server]==5.2.1'"), error.getMessage());
    }
}
