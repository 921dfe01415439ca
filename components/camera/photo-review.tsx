"use client";
import { useTranslations } from "next-intl";
import type { QualityProblem } from "@/lib/photos/client/analyze";
import { FileChoice, Guidance } from "./photo-ui";
import { useObjectUrl } from "./use-object-url";

/**
 * The photo as it will be sent (not mirrored), with what could be better in plain sentences. The
 * person decides: "Use this photo" is always there, whatever the checks found.
 */
export function PhotoReview({
  name,
  photo,
  problems,
  onUse,
  onRetake,
  onFile,
}: {
  name: string;
  photo: Blob;
  problems: QualityProblem[];
  onUse: () => void;
  onRetake: () => void;
  onFile: (file: File) => void;
}) {
  const t = useTranslations("photo");
  const url = useObjectUrl(photo);
  return (
    <div>
      {url && (
        // A blob: URL made here; next/image cannot optimise it and has nothing to add. Smaller when
        // there is advice to read, so the advice and the decision stay on screen with it.
        <img src={url} alt={t("previewAlt", { name })} className={`mx-auto w-auto max-w-full rounded border-2 border-gray-700 ${problems.length === 0 ? "max-h-[50vh]" : "max-h-[30vh]"}`} />
      )}
      <div className="mt-4">
        {problems.length === 0 ? (
          <Guidance ok>{t("looksGood")}</Guidance>
        ) : (
          <>
            <p className="text-lg font-semibold">{t("couldBeBetter")}</p>
            <ul className="mt-2 space-y-2">
              {problems.map((problem) => (
                <li key={problem}>
                  <Guidance ok={false}>{t(`problems.${problem}`)}</Guidance>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-lg">{t("yourChoice")}</p>
          </>
        )}
      </div>
      <div className="mt-4 flex flex-col gap-3">
        <button type="button" className="button-primary" onClick={onUse}>
          {problems.length === 0 ? t("usePhoto") : t("usePhotoAnyway")}
        </button>
        <button type="button" className="button-secondary" onClick={onRetake}>{t("takeAgain")}</button>
        <FileChoice label={t("choosePhoto")} onFile={onFile} />
      </div>
    </div>
  );
}
