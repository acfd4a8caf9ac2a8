-- CreateTable
CREATE TABLE "Audio" (
    "hash" TEXT NOT NULL,
    "narrowband" BYTEA NOT NULL,
    "wideband" BYTEA NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "peaks" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Audio_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
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
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromptAudio_pkey" PRIMARY KEY ("promptId","language")
);

-- CreateTable
CREATE TABLE "VersionAudio" (
    "versionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "audioHash" TEXT NOT NULL,

    CONSTRAINT "VersionAudio_pkey" PRIMARY KEY ("versionId","kind","key","language")
);

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_name_key" ON "Prompt"("name");

-- CreateIndex
CREATE INDEX "PromptAudio_audioHash_idx" ON "PromptAudio"("audioHash");

-- CreateIndex
CREATE INDEX "VersionAudio_kind_key_idx" ON "VersionAudio"("kind", "key");

-- CreateIndex
CREATE INDEX "VersionAudio_audioHash_idx" ON "VersionAudio"("audioHash");

-- AddForeignKey
ALTER TABLE "PromptAudio" ADD CONSTRAINT "PromptAudio_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptAudio" ADD CONSTRAINT "PromptAudio_audioHash_fkey" FOREIGN KEY ("audioHash") REFERENCES "Audio"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionAudio" ADD CONSTRAINT "VersionAudio_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FlowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionAudio" ADD CONSTRAINT "VersionAudio_audioHash_fkey" FOREIGN KEY ("audioHash") REFERENCES "Audio"("hash") ON DELETE RESTRICT ON UPDATE CASCADE;
