import { Layout, type LayoutProps } from "./layout";

export function ErrorPage(props: { status: number; title: string; message: string; staff?: LayoutProps["staff"] }) {
  return (
    <Layout title={props.title} staff={props.staff}>
      <section class="error-page">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">Go to the start page</a>
        </p>
      </section>
    </Layout>
  );
}
