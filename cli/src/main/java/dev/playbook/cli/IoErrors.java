package dev.playbook.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a file could not be read or written, in words, without a Java class name. */
final class IoErrors {

  private IoErrors() {}

  /** {@code out/x.json: permission denied}. */
  static String reason(IOException e) {
    String what =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof NoSuchFileException
                ? "no such file or folder"
                : e instanceof NotDirectoryException
                    ? "not a folder"
                    : e instanceof FileAlreadyExistsException
                        ? "a file is in the way"
                        : e instanceof FileSystemException f && f.getReason() != null
                            ? f.getReason()
                            : e.getMessage() != null ? e.getMessage() : "input/output error";
    return e instanceof FileSystemException f && f.getFile() != null
        ? f.getFile() + ": " + what
        : what;
  }
}
