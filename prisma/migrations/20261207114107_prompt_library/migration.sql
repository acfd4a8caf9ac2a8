-- CreateTable
CREATE TABLE "Audio" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "narrowband" BLOB NOT NULL,
    "wideband" BLOB NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "peaks" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PromptAudio" (
    "promptId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "audioHash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "speechText" TEXT,
    "voice" TEXT,
    "fileName" TEXT,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("promptId", "language"),
    CONSTRAINT "PromptAudio_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PromptAudio_audioHash_fkey" FOREIGN KEY ("audioHash") REFERENCES "Audio" ("hash") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VersionAudio" (
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "audioHash" TEXT NOT NULL,

    PRIMARY KEY ("versionId", "kind", "key", "language"),
    CONSTRAINT "VersionAudio_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FlowVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VersionAudio_audioHash_fkey" FOREIGN KEY ("audioHash") REFERENCES "Audio" ("hash") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_name_key" ON "Prompt"("name");

-- CreateIndex
CREATE INDEX "PromptAudio_audioHash_idx" ON "PromptAudio"("audioHash");

-- CreateIndex
CREATE INDEX "VersionAudio_kind_key_idx" ON "VersionAudio"("kind", "key");

-- CreateIndex
CREATE INDEX "VersionAudio_audioHash_idx" ON "VersionAudio"("audioHash");
