// Large uploads (hidden-set zips) over plain HTTP, outside the Blazor circuit, with progress and cancel.
// The browser streams the file as the request body (XMLHttpRequest: fetch cannot report upload progress);
// the component is told of progress at most every 200 ms, and of the end: done (status, body), dropped, or cancelled.
const uploads = new Map();
let next = 0;

export function pick(input) {
    input.value = "";
    input.click();
}

export function start(input, url, antiforgeryToken, maxBytes, component) {
    const file = input.files && input.files[0];
    if (!file) {
        return 0;
    }

    const id = ++next;
    if (file.size > maxBytes) {
        component.invokeMethodAsync("Refused", file.name, file.size);
        return id;
    }

    const xhr = new XMLHttpRequest();
    uploads.set(id, xhr);
    let last = 0;
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/zip");
    if (antiforgeryToken) {
        xhr.setRequestHeader("RequestVerificationToken", antiforgeryToken);
    }

    xhr.upload.onprogress = e => {
        const now = performance.now();
        if (now - last >= 200 || e.loaded === e.total) {
            last = now;
            component.invokeMethodAsync("Progress", e.loaded, e.total || file.size);
        }
    };
    xhr.upload.onload = () => component.invokeMethodAsync("Sent");
    xhr.onload = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Done", xhr.status, xhr.responseText);
    };
    xhr.onerror = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Dropped");
    };
    xhr.onabort = () => {
        uploads.delete(id);
        component.invokeMethodAsync("Cancelled");
    };
    component.invokeMethodAsync("Started", file.name, file.size);
    xhr.send(file);
    return id;
}

export function cancel(id) {
    const xhr = uploads.get(id);
    if (xhr) {
        xhr.abort();
    }
}

// Files staged ahead of a form: each is POSTed to url?name=... in turn (the sign-in cookie and the antiforgery token),
// with the progress of all of them together; the component hears Progress, Staged (each answer), Failed, Finished.
// With keepFolders, a file of a picked folder (webkitdirectory) is named by its path inside that folder
// ("fold_0/events.out.tfevents.1"), which names a training run's folds.
const stagings = new Map();

function stagedName(file, keepFolders) {
    const path = keepFolders && file.webkitRelativePath ? file.webkitRelativePath : "";
    const slash = path.indexOf("/");
    return slash > 0 ? path.substring(slash + 1) : file.name;
}

export function attachDrop(zone, input) {
    zone.addEventListener("dragover", e => e.preventDefault());
    zone.addEventListener("drop", e => {
        e.preventDefault();
        if (e.dataTransfer && e.dataTransfer.files.length) {
            input.files = e.dataTransfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }
    });
}

export async function stage(input, url, antiforgeryToken, component, keepFolders) {
    const files = Array.from(input.files || []);
    if (files.length === 0) {
        return;
    }

    const id = ++next;
    const total = files.reduce((sum, f) => sum + f.size, 0);
    const names = files.map(f => stagedName(f, keepFolders));
    await component.invokeMethodAsync("Started", names, files.map(f => f.size));
    let done = 0;
    let last = 0;
    for (const [index, file] of files.entries()) {
        const answer = await new Promise(resolve => {
            const xhr = new XMLHttpRequest();
            stagings.set(id, xhr);
            xhr.open("POST", url + (url.includes("?") ? "&" : "?") + "name=" + encodeURIComponent(names[index]));
            xhr.setRequestHeader("Content-Type", "application/octet-stream");
            if (antiforgeryToken) {
                xhr.setRequestHeader("RequestVerificationToken", antiforgeryToken);
            }
            xhr.upload.onprogress = e => {
                const now = performance.now();
                if (now - last >= 200) {
                    last = now;
                    component.invokeMethodAsync("Progress", done + e.loaded, total);
                }
            };
            xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
            xhr.onerror = () => resolve({ status: 0, body: "" });
            xhr.onabort = () => resolve({ status: -1, body: "" });
            xhr.send(file);
        });
        stagings.delete(id);
        if (answer.status !== 201) {
            await component.invokeMethodAsync("Failed", names[index], answer.status, answer.body);
            return;
        }
        done += file.size;
        await component.invokeMethodAsync("Staged", answer.body);
    }
    await component.invokeMethodAsync("Finished");
}

export function cancelStaging() {
    for (const xhr of stagings.values()) {
        xhr.abort();
    }
}
