/// The style sheet and the one script of the results page, inlined so it works offline from
/// `file://` with no external asset.
enum HTMLPageAssets {
    /// Layout: a readable column; tables scroll sideways inside their own box with the header
    /// and first column sticky, and no cell wraps a number or a unit.
    static let styleSheet = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
          color: #222; background: #fff; margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
        h1 { margin-bottom: 0.5rem; }
        h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2.5rem; }
        dl { display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr); gap: 0.15rem 1rem; margin: 0.8rem 0; }
        dt { color: #555; }
        dd { margin: 0; overflow-wrap: anywhere; }
        p, li { overflow-wrap: anywhere; }
        .files { color: #555; }
        .findings { background: #f4f8fb; border: 1px solid #d5e3ee; border-radius: 6px; padding: 0.6rem 1.2rem; }
        .findings h2 { margin-top: 0.4rem; border: none; }
        .findings h3 { margin: 0.8rem 0 0.2rem; font-size: 1rem; }
        .findings ul { margin: 0.2rem 0 0.6rem; padding-left: 1.2rem; }
        .table-scroll { overflow: auto; max-width: 100%; max-height: 85vh; margin: 1rem 0; border: 1px solid #e3e3e3; }
        table { border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; font-size: 0.92rem; }
        caption { text-align: left; font-weight: bold; padding: 0.3rem 0.7rem; position: sticky; left: 0; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 0.25rem 0.7rem; text-align: left; vertical-align: top; white-space: nowrap; }
        thead th { background: #fff; border-bottom: 2px solid #bbb; position: sticky; top: 0; z-index: 2; cursor: pointer; }
        thead tr + tr th { top: 1.9rem; }
        thead th.group { text-align: center; border-bottom: 1px solid #bbb; cursor: default; }
        th[aria-sort="ascending"]::after { content: " ▲"; }
        th[aria-sort="descending"]::after { content: " ▼"; }
        tbody td { background: #fff; }
        tbody tr:nth-child(even) td { background: #f7f7f7; }
        th:first-child, td:first-child { position: sticky; left: 0; z-index: 1; }
        thead th:first-child { z-index: 3; }
        td:first-child { max-width: 40vw; white-space: normal; }
        details { white-space: normal; min-width: 12rem; max-width: 28rem; }
        summary { cursor: pointer; }
        .num { text-align: right; }
        .center { text-align: center; }
        .note { color: #555; font-size: 0.9rem; }
        figure { margin: 1.5rem 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: #555; font-size: 0.9rem; }
        footer { margin-top: 3rem; color: #777; font-size: 0.85rem; }

        """

    /// Sorts a table by the column whose header is clicked (again: the other way): numbers
    /// by their raw `data-v` (missing ones last), text by its words. Written without `<` or
    /// `&`, so the page stays well-formed XML.
    static let sortScript = """
        document.querySelectorAll('table.sortable th[data-col]').forEach(th => th.addEventListener('click', () => {
          const body = th.closest('table').tBodies[0], column = Number(th.dataset.col);
          const ascending = th.getAttribute('aria-sort') !== 'ascending';
          th.closest('thead').querySelectorAll('th[aria-sort]').forEach(other => other.removeAttribute('aria-sort'));
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          const key = row => {
            const cell = row.cells[column];
            if (cell.dataset.v === undefined) return cell.textContent;
            return cell.dataset.v === '' ? NaN : Number(cell.dataset.v);
          };
          const order = (a, b) => {
            const x = key(a), y = key(b);
            if (typeof x === 'string') return (ascending ? 1 : -1) * x.localeCompare(y, undefined, {numeric: true});
            if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) - Number.isNaN(y);
            return ascending ? x - y : y - x;
          };
          [...body.rows].sort(order).forEach(row => body.appendChild(row));
        }));

        """
}
